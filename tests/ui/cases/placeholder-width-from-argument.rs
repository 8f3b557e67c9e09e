use errwire::ApiError;

#[derive(ApiError)]
enum E {
    #[api(status = 400, message = "Bad {0:1$}")]
    Invalid(String, usize),
}

fn main() {}
