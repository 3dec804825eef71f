import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { expect, test, vi } from "vitest";
import { Combobox } from "./combobox";

const FRUITS = ["Abricot", "Amande", "Ananas"];

/** A box over a fixed list: suggestions once a letter is typed, filtered by their start. */
function Harness({ onSelect, onSubmit }: { onSelect: (f: string) => void; onSubmit?: () => void }) {
  const [text, setText] = useState("");
  const options = text
    ? FRUITS.filter((fruit) => fruit.toLowerCase().startsWith(text.toLowerCase()))
    : undefined;
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit?.();
      }}
    >
      <Combobox
        label="Fruit"
        hint="Tapez une lettre"
        text={text}
        onTextChange={setText}
        options={options}
        onSelect={(fruit) => {
          setText(fruit);
          onSelect(fruit);
        }}
        optionKey={(fruit) => fruit}
        optionLabel={(fruit) => fruit}
        announce={(count) => (count ? `${count} suggestions` : "Aucune suggestion")}
      />
    </form>
  );
}

function setup() {
  const onSelect = vi.fn();
  const onSubmit = vi.fn();
  render(<Harness onSelect={onSelect} onSubmit={onSubmit} />);
  const box = screen.getByRole("combobox", { name: "Fruit" });
  return { user: userEvent.setup(), box, onSelect, onSubmit };
}

test("is a labelled combobox that controls a listbox and is described by its hint", () => {
  const { box } = setup();

  expect(box).toHaveAttribute("aria-autocomplete", "list");
  expect(box).toHaveAttribute("aria-expanded", "false");
  expect(box).toHaveAccessibleDescription("Tapez une lettre");
  const list = document.getElementById(box.getAttribute("aria-controls")!);
  expect(list).toHaveAttribute("role", "listbox");
});

test("typing opens the list and announces how many suggestions there are", async () => {
  const { user, box } = setup();

  await user.type(box, "a");

  expect(box).toHaveAttribute("aria-expanded", "true");
  expect(screen.getAllByRole("option")).toHaveLength(3);
  expect(screen.getByRole("status")).toHaveTextContent("3 suggestions");
  await user.type(box, "x");
  expect(screen.getByRole("status")).toHaveTextContent("Aucune suggestion");
});

test("down and up move the active suggestion, wrapping at both ends", async () => {
  const { user, box } = setup();
  await user.type(box, "a");
  const active = () => document.getElementById(box.getAttribute("aria-activedescendant") ?? "");

  await user.keyboard("{ArrowDown}");
  expect(active()).toHaveTextContent("Abricot");
  expect(active()).toHaveAttribute("aria-selected", "true");
  await user.keyboard("{ArrowDown}{ArrowDown}");
  expect(active()).toHaveTextContent("Ananas");
  await user.keyboard("{ArrowDown}");
  expect(active()).toHaveTextContent("Abricot");
  await user.keyboard("{ArrowUp}");
  expect(active()).toHaveTextContent("Ananas");
  expect(box).toHaveFocus();
});

test("enter chooses the active suggestion, closes the list and does not submit the form", async () => {
  const { user, box, onSelect, onSubmit } = setup();
  await user.type(box, "a");

  await user.keyboard("{ArrowDown}{ArrowDown}{Enter}");

  expect(onSelect).toHaveBeenCalledWith("Amande");
  expect(box).toHaveValue("Amande");
  expect(box).toHaveAttribute("aria-expanded", "false");
  expect(box).not.toHaveAttribute("aria-activedescendant");
  expect(onSubmit).not.toHaveBeenCalled();
});

test("enter chooses the only suggestion without moving to it", async () => {
  const { user, box, onSelect } = setup();

  await user.type(box, "abr{Enter}");

  expect(onSelect).toHaveBeenCalledWith("Abricot");
});

test("escape closes the list and keeps the text; down opens it again", async () => {
  const { user, box, onSelect } = setup();
  await user.type(box, "an");

  await user.keyboard("{Escape}");
  expect(box).toHaveAttribute("aria-expanded", "false");
  expect(box).toHaveValue("an");
  expect(onSelect).not.toHaveBeenCalled();

  await user.keyboard("{ArrowDown}");
  expect(box).toHaveAttribute("aria-expanded", "true");
  expect(box.getAttribute("aria-activedescendant")).toBeTruthy();
});

test("a click on a suggestion chooses it", async () => {
  const { user, box, onSelect } = setup();
  await user.type(box, "a");

  await user.click(screen.getByRole("option", { name: "Ananas" }));

  expect(onSelect).toHaveBeenCalledWith("Ananas");
  expect(box).toHaveValue("Ananas");
});

test("an error marks the box invalid and is read with it", () => {
  render(
    <Combobox
      label="Fruit"
      error="Choisissez dans la liste"
      text="Kiwi"
      onTextChange={() => undefined}
      options={undefined}
      onSelect={() => undefined}
      optionKey={(fruit: string) => fruit}
      optionLabel={(fruit: string) => fruit}
      announce={() => ""}
    />,
  );
  const box = screen.getByRole("combobox", { name: "Fruit" });

  expect(box).toBeInvalid();
  expect(box).toHaveAccessibleDescription("Choisissez dans la liste");
});
