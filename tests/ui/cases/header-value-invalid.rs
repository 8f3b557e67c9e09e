use errwire::ApiError;

#[derive(ApiError)]
enum E {
    #[api(status = 400, header(name = "X-Note", value = "line\nbreak"))]
    Invalid,
}

fn main() {}
