//! Ctrl-C / SIGTERM handling, so that an interrupted run still tears its
//! services down.
//!
//! `pg_ctl` detaches PostgreSQL from the terminal, so a Ctrl-C that simply
//! killed xtask would leave the throwaway cluster running and its data
//! directory behind. Instead the signal only raises a flag, which the long
//! running loops check; the guards' `Drop` then cleans up as usual. std has no
//! signal API, so this declares libc's `signal` (std already links libc).

use std::ffi::c_int;
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::{Result, bail};

const SIGINT: c_int = 2;
const SIGTERM: c_int = 15;

static REQUESTED: AtomicBool = AtomicBool::new(false);

unsafe extern "C" {
    /// libc's `signal(2)`; the previous handler it returns is not needed.
    fn signal(signum: c_int, handler: extern "C" fn(c_int)) -> usize;
}

extern "C" fn on_signal(_signum: c_int) {
    REQUESTED.store(true, Ordering::SeqCst);
}

/// Routes SIGINT and SIGTERM to the flag instead of killing the process.
pub fn install() {
    for signum in [SIGINT, SIGTERM] {
        // SAFETY: the handler only stores to an atomic, which is
        // async-signal-safe, and it stays valid for the whole program.
        unsafe {
            signal(signum, on_signal);
        }
    }
}

/// Whether Ctrl-C (or SIGTERM) has been received.
pub fn requested() -> bool {
    REQUESTED.load(Ordering::SeqCst)
}

/// Fails when the user asked to stop, so the caller unwinds to the teardown.
pub fn check() -> Result<()> {
    if requested() {
        bail!("interrupted");
    }
    Ok(())
}
