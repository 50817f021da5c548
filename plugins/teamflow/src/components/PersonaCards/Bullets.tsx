import { Typography } from '@material-ui/core';

/** A bulleted list, or what to say when it is empty. */
export function Bullets(props: { items: string[]; empty: string }) {
  if (props.items.length === 0) {
    return <Typography variant="body2">{props.empty}</Typography>;
  }
  return (
    <ul style={{ margin: 0, paddingLeft: 20 }}>
      {props.items.map(item => (
        <li key={item}>
          <Typography variant="body2">{item}</Typography>
        </li>
      ))}
    </ul>
  );
}
