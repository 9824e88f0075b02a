// Stands in for iconv-lite's double-byte codecs, left out of the bundle (see build.mjs).
module.exports = {};
