use errwire::ApiError;

#[derive(ApiError)]
enum E {
    #[api(status = 400, domain = " ")]
    Invalid,
}

fn main() {}
