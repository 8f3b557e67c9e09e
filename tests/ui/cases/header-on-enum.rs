use errwire::ApiError;

#[derive(ApiError)]
#[api(status = 400, header(name = "X-Note", value = "x"))]
enum E {
    Invalid,
}

fn main() {}
