import { useState } from 'react';
import {
  Content,
  Header,
  InfoCard,
  Page,
  ProxiedSignInPage,
  SignInPage,
} from '@backstage/core-components';
import {
  configApiRef,
  IdentityApi,
  SignInPageProps,
  useApi,
} from '@backstage/core-plugin-api';
import {
  Avatar,
  Button,
  Grid,
  List,
  ListItem,
  ListItemAvatar,
  ListItemText,
  Typography,
  makeStyles,
} from '@material-ui/core';

/** The header the demo auth provider reads (see its backend module). */
export const DEMO_USER_HEADER = 'x-teamflow-demo-user';
/** Where the chosen demo user is remembered, so a reload stays signed in. */
export const DEMO_USER_STORAGE_KEY = 'teamflow:demo-user';

type DemoUser = { entityRef: string; title: string; description?: string };

const useStyles = makeStyles(
  theme => ({
    intro: { marginBottom: theme.spacing(2) },
    avatar: { backgroundColor: theme.palette.primary.main },
  }),
  { name: 'TeamflowDemoSignInPage' },
);

function initials(name: string) {
  return name
    .split(/\s+/)
    .map(part => part[0])
    .join('')
    .slice(0, 2)
    .toUpperCase();
}

/**
 * Signing out forgets the chosen demo user, so the visitor lands on the
 * chooser again instead of being signed straight back in.
 */
function forgetChoiceOnSignOut(identityApi: IdentityApi): IdentityApi {
  return {
    getProfileInfo: () => identityApi.getProfileInfo(),
    getBackstageIdentity: () => identityApi.getBackstageIdentity(),
    getCredentials: () => identityApi.getCredentials(),
    signOut: async () => {
      window.localStorage.removeItem(DEMO_USER_STORAGE_KEY);
      await identityApi.signOut();
    },
  };
}

/**
 * Sign-in page of the Teamflow portal. When `auth.providers.demo.users` is
 * configured it lists the demo organisation's people (an engineer, a product
 * manager, a platform engineer, the CTO, ...) and signs in as the one chosen;
 * otherwise it falls back to the standard guest sign-in.
 */
export function DemoSignInPage(props: SignInPageProps) {
  const classes = useStyles();
  const configApi = useApi(configApiRef);
  const users: DemoUser[] = (
    configApi.getOptionalConfigArray('auth.providers.demo.users') ?? []
  ).map(user => ({
    entityRef: user.getString('entityRef'),
    title: user.getString('title'),
    description: user.getOptionalString('description'),
  }));
  const [chosen, setChosen] = useState<string | null>(() =>
    window.localStorage.getItem(DEMO_USER_STORAGE_KEY),
  );

  if (users.length === 0) {
    return <SignInPage {...props} auto providers={['guest']} />;
  }

  if (chosen && users.some(u => u.entityRef === chosen)) {
    return (
      <ProxiedSignInPage
        provider="demo"
        headers={{ [DEMO_USER_HEADER]: chosen }}
        onSignInSuccess={identityApi =>
          props.onSignInSuccess(forgetChoiceOnSignOut(identityApi))
        }
        ErrorComponent={({ error }) => (
          <Page themeId="home">
            <Header title="Teamflow" subtitle="Demo sign-in" />
            <Content>
              <InfoCard title="Could not sign in">
                <Typography paragraph>
                  {error?.message ?? 'The demo sign-in failed.'}
                </Typography>
                <Button
                  variant="outlined"
                  color="primary"
                  onClick={() => {
                    window.localStorage.removeItem(DEMO_USER_STORAGE_KEY);
                    setChosen(null);
                  }}
                >
                  Choose another demo user
                </Button>
              </InfoCard>
            </Content>
          </Page>
        )}
      />
    );
  }

  return (
    <Page themeId="home">
      <Header
        title="Teamflow"
        subtitle="The organisation in your software catalog"
      />
      <Content>
        <Grid container justifyContent="center">
          <Grid item xs={12} md={8} lg={6}>
            <InfoCard title="Sign in to the Basketly demo">
              <Typography className={classes.intro}>
                Choose a person of the demo organisation to see the portal as
                they do. Each is a real User in the catalog, with their team
                memberships.
              </Typography>
              <List aria-label="Demo users">
                {users.map(user => (
                  <ListItem
                    key={user.entityRef}
                    button
                    onClick={() => {
                      window.localStorage.setItem(
                        DEMO_USER_STORAGE_KEY,
                        user.entityRef,
                      );
                      setChosen(user.entityRef);
                    }}
                  >
                    <ListItemAvatar>
                      <Avatar className={classes.avatar}>
                        {initials(user.title)}
                      </Avatar>
                    </ListItemAvatar>
                    <ListItemText
                      primary={user.title}
                      secondary={user.description}
                    />
                  </ListItem>
                ))}
              </List>
            </InfoCard>
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
}
