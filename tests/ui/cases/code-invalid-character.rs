use errwire::ApiError;

#[derive(ApiError)]
enum E {
    #[api(status = 409, code = "state\\conflict")]
    Conflict,
}

fn main() {}
