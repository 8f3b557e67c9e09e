use errwire::ApiError;

#[derive(ApiError)]
enum E {
    #[api(status = 409, message = "The slug '{1}' is taken.")]
    SlugTaken(String),
}

fn main() {}
