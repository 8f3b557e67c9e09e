use errwire::ApiError;

#[derive(ApiError)]
#[api(codes = "Account Code")]
enum AccountError {
    #[api(status = 404)]
    NotFound,
}

fn main() {}
