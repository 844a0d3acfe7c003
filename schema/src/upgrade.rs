//! How events recorded with older layouts become events of the current layout.
//!
//! Before libs 0.22 (2025) the drivers wrote an enter and an exit event for every syscall,
//! and many parameters lived only in the enter event. Current drivers write the exit event
//! only (enter events remain for `open`, `openat`, `openat2`, `creat` and `connect`), with
//! the former enter parameters appended. Readers of old captures merge the pairs so that
//! consumers see one layout per event type.
//!
//! The rules below are keyed by (event code, number of parameters on the wire). A reader
//! applies the matching rule repeatedly (a rule can change the event type, after which
//! another rule may match) until no rule matches. An exit event that has fewer parameters
//! than the table and no rule is padded with empty parameters, so appending a parameter to
//! [`crate::EVENTS`] needs no rule here.

/// Where a parameter of the upgraded event comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// Parameter `n` of the event being upgraded.
    Old(u8),
    /// Parameter `n` of the stored enter event of the same thread; the type's default value
    /// when there is none.
    Enter(u8),
    /// Like `Enter`, but an empty parameter when there is no enter event.
    EnterOrEmpty(u8),
    /// The default value of the parameter's type (zero, or an empty string).
    Default,
    /// An empty (zero-length) parameter.
    Empty,
    /// Computed by the reader from the old event (see [`Callback`]).
    Callback(Callback),
}

/// Conversions that need code rather than copying.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Callback {
    /// Build the JSON of a `container_json` event from an old `container` event's id, type,
    /// name and image.
    ContainerJsonFromContainer,
}

/// What to do with an event that matches a rule.
#[derive(Clone, Copy, Debug)]
pub enum Action {
    /// Deliver the event as it is.
    Pass,
    /// Keep the (enter) event for the thread's next exit event, do not deliver it.
    Store,
    /// Keep the event and deliver it too.
    StoreAndPass,
    /// Append parameters.
    AddParams(&'static [Source]),
    /// Rebuild the event as type `to` with parameters from `params`.
    ChangeType {
        /// New event code.
        to: u16,
        /// The new event's parameters, in order.
        params: &'static [Source],
    },
}

/// One rule.
#[derive(Clone, Copy, Debug)]
pub struct Rule {
    /// Event code the rule applies to.
    pub code: u16,
    /// Number of parameters the event must have on the wire.
    pub nparams: u8,
    /// What to do.
    pub action: Action,
}

/// The rule for an event of type `code` with `nparams` parameters.
pub fn find(code: u16, nparams: u32) -> Option<&'static Rule> {
    let key = (code, nparams);
    RULES
        .binary_search_by(|r| (r.code, r.nparams as u32).cmp(&key))
        .ok()
        .map(|i| &RULES[i])
}

/// True if some rule exists for events of type `code` (any parameter count).
pub fn has_rules(code: u16) -> bool {
    let i = RULES.partition_point(|r| r.code < code);
    i < RULES.len() && RULES[i].code == code
}

// RULES must be sorted by (code, nparams) without duplicates: `find` relies on it.
const _: () = {
    let mut i = 1;
    while i < RULES.len() {
        let (a, b) = (&RULES[i - 1], &RULES[i]);
        assert!(a.code < b.code || (a.code == b.code && a.nparams < b.nparams));
        i += 1;
    }
};

const fn r(code: u16, nparams: u8, action: Action) -> Rule {
    Rule { code, nparams, action }
}

// ---- data ----
