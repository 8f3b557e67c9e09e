use errwire::ApiError;

#[derive(ApiError)]
enum E {
    #[api(status = 400, message = "Bad {}")]
    Invalid(String),
}

fn main() {}
