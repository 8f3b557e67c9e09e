use errwire::ApiError;

#[derive(ApiError)]
enum E {
    #[api(status = 401, message = "Token {token} was revoked.")]
    Revoked {
        #[api(sensitive)]
        token: String,
    },
}

fn main() {}
