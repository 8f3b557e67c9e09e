use errwire::ApiError;

#[derive(ApiError)]
enum E {
    #[api(status = 401)]
    Revoked {
        #[api(detail, sensitive)]
        token: String,
    },
}

fn main() {}
