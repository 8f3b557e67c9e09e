use errwire::ApiError;

#[derive(ApiError)]
enum E {
    #[api(status = 400, message = "Bad {user id}")]
    Invalid { id: String },
}

fn main() {}
