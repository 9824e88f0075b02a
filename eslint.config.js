import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
	{ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.bench-cache/**']},
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
					patterns: ['ink/*', 'react/*', '../ui/*', '../commands/*'],
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
