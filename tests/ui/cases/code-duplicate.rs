use errwire::ApiError;

#[derive(ApiError)]
#[api(status = 409)]
enum E {
    #[api(code = "state_conflict")]
    Busy,
    #[api(code = "state_conflict")]
    Provisioning,
}

fn main() {}
