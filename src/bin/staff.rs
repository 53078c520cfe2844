//! The staff app (staff.html), served for `/staff/…`.

fn main() {
    recovery_colleges::app::start(
        recovery_colleges::app::Site::Staff,
        recovery_colleges::app::StaffApp,
    );
}
