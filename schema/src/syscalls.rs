//! Syscall ids and the native-syscall → event map.
//!
//! `PPM_SC_*` ids are an architecture-independent numbering of syscalls (and of a few
//! tracepoints), used in `SYSCALLID` parameters and by syscall selection (`base_syscalls`).
//! Each architecture's table maps the native syscall number the kernel reports to the
//! `PPM_SC_*` id and to the event pair the drivers write for it (the generic pair
//! `PPME_GENERIC_E/X` for syscalls without a dedicated event).

/// One row of an architecture's syscall table.
#[derive(Clone, Copy, Debug)]
pub struct SyscallEntry {
    /// Native syscall number.
    pub nr: u16,
    /// `PPM_SC_*` id.
    pub ppm_sc: u16,
    /// Enter event code.
    pub enter: u16,
    /// Exit event code.
    pub exit: u16,
    /// `UF_*` flags.
    pub flags: u8,
}

/// `UF_*` syscall flags.
#[allow(missing_docs)]
pub mod uf {
    pub const NONE: u8 = 0;
    pub const USED: u8 = 1 << 0;
    pub const NEVER_DROP: u8 = 1 << 1;
    pub const ALWAYS_DROP: u8 = 1 << 2;
    pub const SIMPLEDRIVER_KEEP: u8 = 1 << 3;
    pub const ATOMIC: u8 = 1 << 4;
}

/// Size of the native syscall tables (largest syscall number + 1 that the drivers handle).
pub const SYSCALL_TABLE_SIZE: usize = 512;

const fn s(nr: u16, ppm_sc: u16, enter: u16, exit: u16, flags: u8) -> SyscallEntry {
    SyscallEntry { nr, ppm_sc, enter, exit, flags }
}

// ---- data ----
