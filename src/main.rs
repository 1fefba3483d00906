//! The `zufi` command-line tool for catalog editors.
fn main() {}
