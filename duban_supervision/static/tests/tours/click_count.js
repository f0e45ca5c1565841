/**
 * Counts the clicks a person makes during ``steps`` — on rows, cards and buttons, and into the
 * fields they type in — and fails the tour when there are more than ``bound``.
 *
 * Every click the tour's steps dispatch reaches one listener on the document, so the count is
 * what the browser saw, not what the steps claim.
 */
export function withClickCount(bound, steps) {
    return [
        {
            content: "Start counting clicks",
            trigger: "body",
            run() {
                window.dubanClicks = 0;
                if (!window.dubanCountClick) {
                    window.dubanCountClick = () => window.dubanClicks++;
                    document.addEventListener("click", window.dubanCountClick, true);
                }
            },
        },
        ...steps,
        {
            content: `At most ${bound} clicks`,
            trigger: "body",
            run() {
                const clicks = window.dubanClicks;
                console.info(`duban clicks: ${clicks} of at most ${bound}`);
                if (clicks > bound) {
                    throw new Error(`${clicks} clicks, more than the ${bound} allowed`);
                }
            },
        },
    ];
}
