// Stands in for is-in-ci, which Ink reads once, as it loads, to stop drawing live frames when
// CI is set in the environment. The full-screen interface only runs on a real terminal, where
// live frames are always wanted, so the app need not clear CI from its own environment.
export default false;
