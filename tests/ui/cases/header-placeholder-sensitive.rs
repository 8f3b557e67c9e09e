use errwire::ApiError;

#[derive(ApiError)]
enum E {
    #[api(status = 401, header(name = "WWW-Authenticate", value = "Bearer token={token}"))]
    Expired {
        #[api(sensitive)]
        token: String,
    },
}

fn main() {}
