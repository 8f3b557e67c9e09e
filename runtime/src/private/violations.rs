//! The types a `#[api(violations)]` field may have: any list of [`Violation`]s.

use crate::violation::Violation;

/// A field that holds the violations: `Vec<Violation>`, an array, a boxed slice, anything
/// `AsRef<[Violation]>`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a list of violations",
    label = "`#[api(violations)]` needs a list of `errwire::Violation`",
    note = "use a `Vec<errwire::Violation>` (or an array or a boxed slice of them)"
)]
pub trait ViolationList {
    /// The violations.
    fn violation_list(&self) -> &[Violation];
}

impl<T: AsRef<[Violation]> + ?Sized> ViolationList for T {
    fn violation_list(&self) -> &[Violation] {
        self.as_ref()
    }
}

/// The violations a field holds.
pub fn violation_list<T: ViolationList + ?Sized>(list: &T) -> &[Violation] {
    list.violation_list()
}
