use errwire::ApiError;

#[derive(ApiError)]
#[api(status = 400, code = "bad_request")]
enum E {
    Invalid,
}

fn main() {}
