use errwire::ApiError;

#[derive(ApiError)]
#[api(challenge = "Bearer\r\nrealm")]
enum E {
    #[api(status = 401)]
    Unauthenticated,
}

fn main() {}
