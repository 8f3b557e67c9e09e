//! Errors in one voice — lower case, the key as the user wrote it, what to write instead —
//! collected while reading and checking, and emitted together.

use proc_macro2::TokenStream;

/// Every error found so far; `finish` reports them all at once, each at its own span.
#[derive(Default)]
pub struct Errors(Option<syn::Error>);

impl Errors {
    pub fn push(&mut self, error: syn::Error) {
        match &mut self.0 {
            Some(all) => all.combine(error),
            None => self.0 = Some(error),
        }
    }

    pub fn extend(&mut self, other: Self) {
        if let Some(error) = other.0 {
            self.push(error);
        }
    }

    pub fn finish(self) -> Result<(), syn::Error> {
        self.0.map_or(Ok(()), Err)
    }
}

/// The compile errors for `error`, one `compile_error!` per message.
pub fn to_compile_errors(error: &syn::Error) -> TokenStream {
    error.to_compile_error()
}
