import {wrapText} from '../text/wrap.js';
import {padToWidth} from '../text/width.js';
import type {StyledLine} from '../types.js';
import type {Provenance, ProvenanceParagraph} from './provenance.js';

/**
 * The provenance view's lines at a width: the headlines (those replaced struck out and dim,
 * then the latest), then the latest version's paragraphs, each with the version it came in
 * written in the margin of its first line ("v1", "v3"; "v1~v5" when v5 last edited it), and
 * the removed paragraphs where they stood, struck out and dim, with when they came and went
 * ("v1−v4"). A blank line between paragraphs.
 */
export function provenanceLines(provenance: Provenance, width: number): StyledLine[] {
	const labels = [
		...provenance.headlines.map((headline) =>
			headline.replacedIn === undefined
				? version(headline.since)
				: `${version(headline.since)}−${version(headline.replacedIn)}`,
		),
		...provenance.paragraphs.map(paragraphLabel),
	];
	const margin = Math.max(0, ...labels.map((label) => label.length)) + 2;
	const textWidth = Math.max(1, width - margin);
	const lines: StyledLine[] = [];
	const block = (text: string, label: string, role: 'title' | 'removed' | undefined) => {
		wrapText(text, textWidth).forEach((range, index) => {
			const marginText = padToWidth(index === 0 ? label : '', margin);
			const line = text.slice(range.start, range.end);
			lines.push([{text: marginText, role: 'dim'}, role ? {text: line, role} : {text: line}]);
		});
	};
	provenance.headlines.forEach((headline, index) => {
		block(headline.text, labels[index]!, headline.replacedIn === undefined ? 'title' : 'removed');
	});
	provenance.paragraphs.forEach((paragraph, index) => {
		if (lines.length > 0) lines.push([]);
		const label = labels[provenance.headlines.length + index]!;
		block(paragraph.text, label, paragraph.removedIn === undefined ? undefined : 'removed');
	});
	return lines;
}

function version(index: number): string {
	return `v${index + 1}`;
}

function paragraphLabel(paragraph: ProvenanceParagraph): string {
	if (paragraph.removedIn !== undefined) {
		return `${version(paragraph.since)}−${version(paragraph.removedIn)}`;
	}
	const lastEdit = paragraph.edited.at(-1);
	return lastEdit === undefined
		? version(paragraph.since)
		: `${version(paragraph.since)}~${version(lastEdit)}`;
}
