//! The `getifaddrs` call behind [`crate::host::interfaces`]: the only unsafe code of the
//! host information.

/// One address of one interface.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Address {
    pub(crate) name: Vec<u8>,
    /// 4 or 16 bytes, network order.
    pub(crate) addr: Vec<u8>,
    pub(crate) netmask: Vec<u8>,
    pub(crate) bcast: Vec<u8>,
}

/// The bytes of an IPv4 or IPv6 socket address, `None` for other families or null.
///
/// # Safety
/// `sa` is null or points to a valid `sockaddr` of its family's size.
unsafe fn ip_bytes(sa: *const libc::sockaddr) -> Option<Vec<u8>> {
    if sa.is_null() {
        return None;
    }
    // SAFETY: non-null, valid per the caller's contract; the family tells the size.
    unsafe {
        match i32::from((*sa).sa_family) {
            libc::AF_INET => {
                let sin = &*(sa as *const libc::sockaddr_in);
                Some(sin.sin_addr.s_addr.to_ne_bytes().to_vec())
            }
            libc::AF_INET6 => {
                let sin6 = &*(sa as *const libc::sockaddr_in6);
                Some(sin6.sin6_addr.s6_addr.to_vec())
            }
            _ => None,
        }
    }
}

/// Every IPv4 and IPv6 address of every interface; empty when `getifaddrs` fails.
pub(crate) fn addresses() -> Vec<Address> {
    let mut out = Vec::new();
    let mut head: *mut libc::ifaddrs = std::ptr::null_mut();
    // SAFETY: getifaddrs writes a list head to the valid pointer we pass.
    if unsafe { libc::getifaddrs(&mut head) } != 0 {
        return out;
    }
    let mut cur = head;
    while !cur.is_null() {
        // SAFETY: `cur` is a node of the list getifaddrs returned and we have not freed;
        // its address fields are null or point to sockaddrs of their family's size, and
        // its name is a NUL-terminated string.
        unsafe {
            let ifa = &*cur;
            if let Some(addr) = ip_bytes(ifa.ifa_addr) {
                let width = addr.len();
                let netmask = ip_bytes(ifa.ifa_netmask).unwrap_or_else(|| vec![0; width]);
                let bcast = ip_bytes(ifa.ifa_ifu).unwrap_or_else(|| vec![0; width]);
                let name = std::ffi::CStr::from_ptr(ifa.ifa_name).to_bytes().to_vec();
                out.push(Address {
                    name,
                    addr,
                    netmask,
                    bcast,
                });
            }
            cur = ifa.ifa_next;
        }
    }
    // SAFETY: `head` came from getifaddrs and is freed once.
    unsafe { libc::freeifaddrs(head) };
    out
}
