use errwire::ApiError;

#[derive(ApiError)]
enum E {
    #[api(status = 409, message = "The slug '{slug}' is taken.")]
    SlugTaken { name: String },
}

fn main() {}
