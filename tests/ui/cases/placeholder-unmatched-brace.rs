use errwire::ApiError;

#[derive(ApiError)]
enum E {
    #[api(status = 400, message = "Bad {field")]
    Invalid { field: String },
}

fn main() {}
