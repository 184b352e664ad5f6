#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay`: entry 15 (counting from 0) of the C
/// enum `mi_option_e` in the mimalloc that libmimalloc-sys 0.1.49 builds
/// (`c_src/mimalloc/v3/include/mimalloc.h`: `mi_option_show_errors` is 0,
/// ..., `mi_option_deprecated_eager_commit_delay` 14, `mi_option_purge_delay`
/// 15, `mi_option_use_numa_nodes` 16). libmimalloc-sys exports constants
/// for only some options and not this one, so the number is written here;
/// `tests::option_15_is_the_purge_delay` fails if a new mimalloc moves it.
/// Its value is a delay in milliseconds; -1 is "never purge".
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() {
    // Memory freed is kept, not handed back to the system a second later: a
    // screening frees and allocates the same few megabytes over and over,
    // and every page handed back was a page fault, zeroed by the kernel,
    // when it came back (up to a tenth of a table run). The process is
    // short-lived; its peak is what it holds anyway.
    // SAFETY: a call into C with two integers (no pointers, nothing to
    // outlive); mimalloc accepts any option number and value. Made first
    // thing, before any other thread exists, so no thread reads the option
    // while it is set. With the test below, the only `unsafe` in certcheck
    // (docs/limits.md).
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
