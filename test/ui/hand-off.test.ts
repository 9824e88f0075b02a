import {describe, expect, it} from 'vitest';
import {programCommand} from '../../source/ui/hand-off.js';

describe('programCommand', () => {
	it('takes $VISUAL, else $EDITOR, for the editor; none when neither is set or both are blank', () => {
		expect(programCommand('editor', {VISUAL: 'code --wait', EDITOR: 'vi'})).toEqual({
			command: 'code --wait',
			from: '$VISUAL',
		});
		expect(programCommand('editor', {VISUAL: '  ', EDITOR: 'vi'})).toEqual({
			command: 'vi',
			from: '$EDITOR',
		});
		expect(programCommand('editor', {})).toBeUndefined();
		expect(programCommand('editor', {VISUAL: '', EDITOR: ' '})).toBeUndefined();
	});

	it('takes $PAGER for the pager, else less', () => {
		expect(programCommand('pager', {PAGER: 'less -R'})).toEqual({
			command: 'less -R',
			from: '$PAGER',
		});
		expect(programCommand('pager', {})).toEqual({command: 'less', from: 'the default pager'});
	});
});
