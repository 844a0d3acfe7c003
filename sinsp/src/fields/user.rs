//! The `user` and `group` classes: the credentials of the thread that generated the event,
//! named from the capture's user list (or the host's `/etc/passwd` and `/etc/group`).

use falco_schema::ParamType;

use super::{ArgKind, Class, Ctx, FieldDef, FieldRef};
use crate::time::TimeFormatter;
use crate::value::Value;

const UID: u16 = 0;
const NAME: u16 = 1;
const HOMEDIR: u16 = 2;
const SHELL: u16 = 3;
const LOGINUID: u16 = 4;
const LOGINNAME: u16 = 5;

const GID: u16 = 0;
const GNAME: u16 = 1;

const fn d(
    class: Class,
    name: &'static str,
    ty: ParamType,
    id: u16,
    desc: &'static str,
) -> FieldDef {
    FieldDef {
        name,
        ty,
        arg: ArgKind::None,
        desc,
        list: false,
        class,
        id,
    }
}

/// The `user` fields; `USER_FIELDS[i].id == i`.
pub(super) static USER_FIELDS: &[FieldDef] = &[
    d(Class::User, "user.uid", ParamType::Uint32, UID, "user id"),
    d(
        Class::User,
        "user.name",
        ParamType::Charbuf,
        NAME,
        "user name (<NA> when unknown)",
    ),
    d(
        Class::User,
        "user.homedir",
        ParamType::Charbuf,
        HOMEDIR,
        "home directory of the user",
    ),
    d(
        Class::User,
        "user.shell",
        ParamType::Charbuf,
        SHELL,
        "login shell of the user",
    ),
    d(
        Class::User,
        "user.loginuid",
        ParamType::Int64,
        LOGINUID,
        "audit user id (auid); -1 when unset",
    ),
    d(
        Class::User,
        "user.loginname",
        ParamType::Charbuf,
        LOGINNAME,
        "audit user name (name of the auid)",
    ),
];

/// The `group` fields; `GROUP_FIELDS[i].id == i`.
pub(super) static GROUP_FIELDS: &[FieldDef] = &[
    d(
        Class::Group,
        "group.gid",
        ParamType::Uint32,
        GID,
        "group id",
    ),
    d(
        Class::Group,
        "group.name",
        ParamType::Charbuf,
        GNAME,
        "group name (<NA> when unknown)",
    ),
];

pub(super) fn extract_user<'a>(f: &FieldRef, ctx: &Ctx<'a>) -> Option<Value<'a>> {
    let state = ctx.state;
    let t = state.thread(ctx.ev.tid() as i64)?;
    // Container processes are named from the container's own user list, which a capture
    // does not have: only root is known there.
    let lookup = |uid: u32| {
        if t.container_id().is_some() {
            None
        } else {
            state.user(uid)
        }
    };
    Some(match f.def().id {
        UID => Value::Uint(t.uid() as u64),
        NAME => Value::Str(match lookup(t.uid()) {
            Some(u) => &u.name,
            None if t.uid() == 0 => b"root",
            None => b"<NA>",
        }),
        HOMEDIR => Value::Str(match lookup(t.uid()) {
            Some(u) => &u.home,
            None if t.uid() == 0 => b"/root",
            None => b"<NA>",
        }),
        SHELL => Value::Str(match lookup(t.uid()) {
            Some(u) => &u.shell,
            None => b"<NA>",
        }),
        LOGINUID => Value::Int(if t.loginuid() < u32::MAX {
            t.loginuid() as i64
        } else {
            -1
        }),
        LOGINNAME => Value::Str(match lookup(t.loginuid()) {
            Some(u) => &u.name,
            None if t.loginuid() == 0 => b"root",
            None => b"<NA>",
        }),
        _ => return None,
    })
}

pub(super) fn extract_group<'a>(f: &FieldRef, ctx: &Ctx<'a>) -> Option<Value<'a>> {
    let state = ctx.state;
    let t = state.thread(ctx.ev.tid() as i64)?;
    Some(match f.def().id {
        GID => Value::Uint(t.gid() as u64),
        GNAME => {
            let g = if t.container_id().is_some() {
                None
            } else {
                state.group(t.gid())
            };
            Value::Str(match g {
                Some(g) => &g.name,
                None if t.gid() == 0 => b"root",
                None => b"<NA>",
            })
        }
        _ => return None,
    })
}

pub(super) fn render(
    f: &FieldRef,
    ctx: &Ctx<'_>,
    _tf: &mut TimeFormatter,
    _scratch: &mut Vec<u8>,
    out: &mut Vec<u8>,
) -> bool {
    let v = match f.def().class {
        Class::Group => extract_group(f, ctx),
        _ => extract_user(f, ctx),
    };
    match v {
        Some(v) => {
            v.write_text(out);
            true
        }
        None => false,
    }
}
