// Stands in for the optional react-devtools-core, which Ink imports only in development.
export default {};
