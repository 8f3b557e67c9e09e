use errwire::ApiError;

struct NotAFormat;

#[derive(ApiError)]
#[api(status = 400, format = NotAFormat)]
enum E {
    Invalid,
}

fn main() {}
