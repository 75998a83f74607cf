//! Calling a type that is not an operation does not compile, with an error that says so; a
//! call's declared errors are its operation's own error enum, not another's.

#[test]
fn only_operations_can_be_called() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/fail/*.rs");
}
