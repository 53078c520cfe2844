//! The staff app (staff.html), served for `/staff/…`.

fn main() {
    recovery_colleges::app::start(
        api::routes::App::Staff,
        recovery_colleges::i18n::ENGLISH,
        recovery_colleges::app::StaffApp,
    );
}
