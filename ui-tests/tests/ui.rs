//! Compile-fail cases, one directory per governance rule, and compile-pass cases that use every
//! feature together across two crates. Regenerate snapshots with `TRYBUILD=overwrite` and read
//! every `.stderr` before accepting it.

#[test]
fn governance() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/fail/*/*.rs");
    cases.pass("tests/pass/*.rs");
}
