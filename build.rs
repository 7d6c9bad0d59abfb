fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    // Linked as a fixed-address executable on Linux: a position-independent one spent 2 of its 3.5 ms of start-up
    // relocating 69 000 pointers (copying 430 pages) before main, which every CLI call and cron job paid
    // (BENCHMARKS.md "Process start").
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
