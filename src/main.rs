use wasm_bindgen::JsCast;

fn main() {
    console_error_panic_hook::set_once();
    let document = leptos::prelude::document();
    // index.html shows a static header and skeleton so the first paint does
    // not wait for the wasm; the app replaces it.
    let root = document
        .get_element_by_id("app")
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
        .expect("index.html has a #app element");
    root.set_inner_html("");
    leptos::mount::mount_to(root, recovery_colleges::App).forget();
}
