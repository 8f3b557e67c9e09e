use errwire::ApiError;

#[derive(ApiError)]
enum E {
    #[api(status = 400)]
    Invalid {
        #[api(sensitive = true)]
        token: String,
    },
}

fn main() {}
