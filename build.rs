//! Rebuilds the binary when the built-in theme or UI strings change: they
//! are embedded with `include_dir!`, which Cargo cannot see on its own.
fn main() {
    println!("cargo:rerun-if-changed=themes/default");
    println!("cargo:rerun-if-changed=locales");
}
