use errwire::ApiError;

#[derive(ApiError)]
#[api(status = 400, docs = "https://docs.example.com/{domain}#{code}")]
enum E {
    Invalid,
}

fn main() {}
