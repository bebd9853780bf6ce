/**
 * Progress bars on a terminal (redrawn in place), or a line per tenth when the output is a
 * file or a pipe, so logs stay short.
 */
export class Progress {
  private readonly bars: Bar[] = [];
  private drawn = 0;
  private readonly tty = Boolean(process.stdout.isTTY);

  bar(label: string, total: number): Bar {
    const bar = new Bar(label, total, () => this.draw(bar));
    this.bars.push(bar);
    this.draw(bar);
    return bar;
  }

  private draw(changed: Bar): void {
    if (!this.tty) {
      if (changed.tenthChanged()) console.log(changed.render());
      return;
    }
    if (this.drawn) process.stdout.write(`\x1b[${this.drawn}A`);
    for (const bar of this.bars) process.stdout.write(`\x1b[2K${bar.render()}\n`);
    this.drawn = this.bars.length;
  }
}

const WIDTH = 30;

export class Bar {
  private value = 0;
  private lastTenth = -1;
  private readonly started = Date.now();

  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly redraw: () => void,
  ) {}

  set(value: number): void {
    this.value = Math.min(value, this.total);
    this.redraw();
  }

  done(): void {
    this.set(this.total);
  }

  tenthChanged(): boolean {
    const tenth = this.total ? Math.floor((this.value / this.total) * 10) : 10;
    if (tenth === this.lastTenth) return false;
    this.lastTenth = tenth;
    return true;
  }

  render(): string {
    const share = this.total ? this.value / this.total : 1;
    const filled = Math.round(share * WIDTH);
    const seconds = ((Date.now() - this.started) / 1000).toFixed(0);
    return `  ${this.label.padEnd(22)} [${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${this.value.toLocaleString('en')}/${this.total.toLocaleString('en')} ${seconds} s`;
  }
}
