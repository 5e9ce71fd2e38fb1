//! What the web view starts with: JavaScriptCore's options always; no compositing mode and Skia on the CPU only
//! where OpenGL would be software (no GPU render node).

use crisp_desk_lib::web_view_environment;

#[test]
fn without_a_gpu_render_node_the_web_view_draws_without_software_gl_and_with_one_webkit_chooses() {
    let without = web_view_environment(false);
    assert!(
        without.contains(&("WEBKIT_DISABLE_COMPOSITING_MODE", "1")),
        "{without:?}"
    );
    assert!(
        without.contains(&("WEBKIT_SKIA_ENABLE_CPU_RENDERING", "1")),
        "{without:?}"
    );
    assert!(without.contains(&("JSC_useDFGJIT", "false")), "{without:?}");

    let with = web_view_environment(true);
    assert!(
        with.iter().all(|(name, _)| !name.starts_with("WEBKIT_")),
        "with a GPU, no rendering variable is set: {with:?}"
    );
    assert!(with.contains(&("JSC_useDFGJIT", "false")), "{with:?}");
}
