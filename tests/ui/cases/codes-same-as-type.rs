use errwire::ApiError;

#[derive(ApiError)]
#[api(codes = "AccountError")]
enum AccountError {
    #[api(status = 404)]
    NotFound,
}

fn main() {}
