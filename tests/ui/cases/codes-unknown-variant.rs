use errwire::ApiError;

#[derive(Debug, ApiError)]
#[api(codes = "AccountCode")]
enum AccountError {
    #[api(status = 404)]
    NotFound,
}

fn main() {
    // The code enum has the error's variants, nothing else: a misspelt one does not compile.
    let _ = AccountCode::NotFund;
}
