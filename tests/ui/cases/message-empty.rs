use errwire::ApiError;

#[derive(ApiError)]
enum E {
    #[api(status = 400, message = "")]
    Invalid,
}

fn main() {}
