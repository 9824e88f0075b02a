import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
	{ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.bench-cache/**', '.build/**']},
	js.configs.recommended,
	...tseslint.configs.recommended,
	prettier,
	{
		rules: {
			'@typescript-eslint/no-unused-vars': [
				'error',
				{argsIgnorePattern: '^_', varsIgnorePattern: '^_'},
			],
			'@typescript-eslint/consistent-type-imports': 'error',
		},
	},
	{
		// core is pure: no React, no Ink, no process globals, so it can be unit-tested and benchmarked alone.
		files: ['source/core/**/*.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					paths: ['ink', 'react', 'ink-testing-library', 'meow'],
					// Any depth of ../ into ui or commands (core's subfolders reach them as
					// ../../ui/…), and any subpath or relative of the UI packages.
					patterns: [
						{
							regex: '^(\\.\\./)+(ui|commands)(/|$)',
							message: 'core is pure: no UI or command code.',
						},
						{
							regex: '(^|/)source/(ui|commands)(/|$)',
							message: 'core is pure: no UI or command code.',
						},
						{
							regex: '^(ink|react|ink-testing-library|meow|react-dom)(/|$)',
							message: 'core is pure: no React or Ink.',
						},
					],
				},
			],
			// import() as well: no-restricted-imports sees only static imports.
			'no-restricted-syntax': [
				'error',
				{
					selector:
						'ImportExpression[source.value=/^(\\.\\.\\/)+(ui|commands)(\\/|$)|(^|\\/)source\\/(ui|commands)(\\/|$)|^(ink|react|ink-testing-library|meow|react-dom)(\\/|$)/]',
					message: 'core is pure: no UI, command, React or Ink code.',
				},
			],
			'no-restricted-globals': ['error', 'process'],
			'no-restricted-properties': ['error', {object: 'process'}],
		},
	},
	{
		files: ['**/*.js', '**/*.mjs'],
		languageOptions: {globals: {process: 'readonly', console: 'readonly', URL: 'readonly'}},
	},
);
