use errwire::ApiError;

#[derive(ApiError)]
enum E {
    #[api(status = 400)]
    Leaky {
        #[api(sensitive, header = "X-Token")]
        token: String,
    },
}

fn main() {}
