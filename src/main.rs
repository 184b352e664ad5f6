#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (the C header's `mi_option_e`; the
/// Rust bindings give no constant for it, by design).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() {
    // Memory freed is kept, not handed back to the system a second later: a
    // screening frees and allocates the same few megabytes over and over,
    // and every page handed back was a page fault, zeroed by the kernel,
    // when it came back (up to a tenth of a table run). The process is
    // short-lived; its peak is what it holds anyway.
    // SAFETY: called before any other thread exists.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
    std::process::exit(certcheck::cli::run(std::env::args_os()));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The option numbered 15 is the purge delay: its default in the pinned
    /// mimalloc (c_src/mimalloc/v3/src/options.c), 1000 ms, between options
    /// whose defaults differ from it. A new mimalloc fails this first.
    #[test]
    fn option_15_is_the_purge_delay() {
        // SAFETY: reading options; nothing else in this test binary sets them.
        let get = |o| unsafe { libmimalloc_sys::mi_option_get(o) };
        assert_eq!(get(MI_OPTION_PURGE_DELAY), 1000);
        assert_eq!(get(libmimalloc_sys::mi_option_use_numa_nodes), 0);
        assert_eq!(get(MI_OPTION_PURGE_DELAY - 1), 1);
    }
}
