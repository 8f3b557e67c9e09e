use errwire::ApiError;

#[derive(ApiError)]
#[api(status = 400, rename_all = "SHOUTING_CASE")]
enum E {
    Invalid,
}

fn main() {}
