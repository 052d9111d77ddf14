/** Builds elements from text only: submitted strings never pass through an HTML parser. */
type Child = Node | string | null | undefined | false;

export interface Props {
  className?: string;
  attrs?: Record<string, string>;
  on?: Partial<Record<keyof HTMLElementEventMap, (event: Event) => void>>;
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props | null = null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (props?.className) element.className = props.className;
  for (const [name, value] of Object.entries(props?.attrs ?? {})) element.setAttribute(name, value);
  for (const [type, handler] of Object.entries(props?.on ?? {})) if (handler) element.addEventListener(type, handler);
  append(element, ...children);
  return element;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

export function clear(element: Element): void {
  element.replaceChildren();
}

/** Sets text only when it changed, so a refresh does not disturb selection or focus. */
export function setText(element: Element, text: string): void {
  if (element.textContent !== text) element.textContent = text;
}
